// The orders board refreshes itself: it polls a fingerprint of the day's orders (…/version) and,
// when it changes, fetches the board and swaps in the new cards, but never a card the seller is
// editing (focus inside, or a field changed from what the page was served with): a half-typed
// shipper name survives. Those cards wait for the next change after editing stops.
(function(){
var u=location.pathname.replace(/\/$/,"")+"/version"+location.search,v=null;
function dirty(el){var f=el.querySelectorAll("input,select,textarea");for(var i=0;i<f.length;i++){var x=f[i];if(x.type==="hidden")continue;
if(x.tagName==="SELECT"){for(var j=0;j<x.options.length;j++)if(x.options[j].selected!==x.options[j].defaultSelected)return true}
else if(x.type==="checkbox"||x.type==="radio"){if(x.checked!==x.defaultChecked)return true}else if(x.value!==x.defaultValue)return true}return false}
function busy(el){return el.contains(document.activeElement)&&document.activeElement!==el||dirty(el)}
function apply(doc){var cur=document.querySelector(".cols"),next=doc.querySelector(".cols");if(!cur||!next)return false;
var held=[].slice.call(cur.querySelectorAll(".card")).filter(busy);
if(!held.length){cur.replaceWith(document.importNode(next,true));return true}
var codes=held.map(function(c){return c.getAttribute("data-code")});
[].slice.call(cur.querySelectorAll(".card")).forEach(function(c){if(codes.indexOf(c.getAttribute("data-code"))<0)c.remove()});
[].slice.call(next.querySelectorAll(".col")).forEach(function(col){var st=col.getAttribute("data-status"),mine=cur.querySelector('.col[data-status="'+st+'"]');
if(!mine){mine=document.importNode(col,true);[].slice.call(mine.querySelectorAll(".card")).forEach(function(c){c.remove()});cur.appendChild(mine)}
var h=col.querySelector("h2"),mh=mine.querySelector("h2");if(h&&mh)mh.textContent=h.textContent;
[].slice.call(col.querySelectorAll(".card")).forEach(function(c){if(codes.indexOf(c.getAttribute("data-code"))<0)mine.appendChild(document.importNode(c,true))})});
return false}
setInterval(function(){fetch(u,{cache:"no-store"}).then(function(r){return r.ok?r.text():null}).then(function(x){if(x===null)return;if(v===null){v=x;return}if(x===v)return;
return fetch(location.href,{cache:"no-store"}).then(function(r){return r.ok?r.text():null}).then(function(h){if(h&&apply(new DOMParser().parseFromString(h,"text/html")))v=x})}).catch(function(){})},4000)})();
