// The broadcast composer (src/http/dashboard/broadcasts/): a live preview as the seller types (the
// "Xem trước" button does the same without script), a confirmation before posting to every group,
// and only the fields the chosen kind needs.
(function(){var f=document.getElementById("composer"),box=document.getElementById("preview"),tm;if(!f||!box)return;
function sel(){var k=f.querySelector("[name=kind]:checked");k=k?k.value:"";f.querySelectorAll("[data-kind]").forEach(function(e){e.style.display=e.getAttribute("data-kind")===k?"":"none"});
var p=f.querySelector("[name=preset]"),c=f.querySelector("[data-cron]");if(p&&c)c.style.display=p.value==="custom"?"":"none"}
function go(){var d=new FormData(f),q=new URLSearchParams();["shop","kind","code","text"].forEach(function(k){var v=d.get(k);if(typeof v==="string")q.set(k,v)});
fetch("/dashboard/broadcasts/preview?"+q.toString(),{cache:"no-store"}).then(function(r){return r.ok?r.text():null}).then(function(h){if(h!==null)box.innerHTML=h}).catch(function(){})}
f.addEventListener("input",function(){clearTimeout(tm);tm=setTimeout(go,300)});f.addEventListener("change",function(){sel();clearTimeout(tm);tm=setTimeout(go,50)});
f.querySelectorAll("[data-confirm]").forEach(function(b){b.addEventListener("click",function(e){if(!confirm(b.getAttribute("data-confirm")))e.preventDefault()})});sel()})();
