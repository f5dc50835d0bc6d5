// The kitchen slip's Print button (the paper switch and the button itself never print: slip.css).
document.getElementById("print").addEventListener("click",function(){window.print()});
