document.querySelectorAll("button[data-copy]").forEach(function(b){b.addEventListener("click",function(){var t=b.getAttribute("data-copy");(navigator.clipboard?navigator.clipboard.writeText(t):Promise.reject()).then(function(){b.textContent=b.getAttribute("data-done")}).catch(function(){prompt("",t)})})});
(function(){var el=document.getElementById("status");if(!el)return;var url=location.pathname.replace(/\/$/,"")+"/status";
function tick(){fetch(url,{cache:"no-store"}).then(function(r){return r.ok?r.json():null}).then(function(s){if(!s)return;el.textContent=s.label;
var a=document.getElementById("due");if(a&&s.due===0){var q=document.getElementById("qr");if(q)q.style.display="none";location.reload()}}).catch(function(){})}
setInterval(tick,5000)})();
