// The product form's photo picker (catalog editor). Photos are resized in the seller's browser
// before upload (longest side 1280 px, JPEG): a phone's 4 MB picture becomes ~200 KB, quicker on 3G
// and inside the 1 MB limit, with no image library on the server (none runs on both Node and
// Workers). From the same picture it also makes the small copies (320 and 128 px) into the form's
// hidden file fields (data-side), each step drawn from the one before (a sharper result than one
// big jump), and only while the whole upload stays under the limit (data-max). If the browser
// cannot, the original alone is checked against the limit (data-msg says why it is refused).
document.querySelectorAll("input[type=file][data-max]").forEach(function (i) {
  var busy = false;
  var copies = i.form ? [].slice.call(i.form.querySelectorAll("input[type=file][data-side]")) : [];
  // busy: the script's own changes to .files are never taken for the seller choosing a file.
  var put = function (x, f) {
    var t = new DataTransfer();
    if (f) t.items.add(f);
    busy = true;
    x.files = t.files;
    busy = false;
  };
  var jpeg = function (c) {
    return new Promise(function (r) {
      c.toBlob(r, "image/jpeg", 0.85);
    });
  };
  var scale = function (src, side) {
    var k = Math.min(1, side / Math.max(src.width, src.height));
    var c = document.createElement("canvas");
    c.width = Math.round(src.width * k);
    c.height = Math.round(src.height * k);
    var g = c.getContext("2d");
    g.imageSmoothingQuality = "high";
    g.drawImage(src, 0, 0, c.width, c.height);
    return c;
  };
  i.addEventListener("change", function () {
    if (busy) return;
    var f = i.files && i.files[0];
    i.setCustomValidity("");
    delete i.dataset.resized;
    delete i.dataset.copies;
    var done = function () {
      i.setCustomValidity(i.files[0] && i.files[0].size > +i.dataset.max ? i.dataset.msg : "");
      i.reportValidity();
    };
    if (!f) return;
    if (!window.createImageBitmap || !window.DataTransfer || !/^image\//.test(f.type)) {
      done();
      return;
    }
    copies.forEach(function (x) {
      put(x, null);
    });
    var name = f.name.replace(/\.[^.]*$/, "");
    createImageBitmap(f)
      .then(function (b) {
        var big = scale(b, 1280);
        return jpeg(big).then(function (out) {
          if (out && out.size < f.size) {
            put(i, new File([out], name + ".jpg", { type: "image/jpeg" }));
            i.dataset.resized = big.width + "x" + big.height;
          }
          var total = i.files[0].size,
            src = big,
            made = [];
          var next = function (k) {
            if (k >= copies.length) {
              i.dataset.copies = made.join(",");
              return;
            }
            var x = copies[k],
              side = +x.dataset.side;
            if (Math.max(src.width, src.height) <= side) return next(k + 1);
            var c = scale(src, side);
            return jpeg(c).then(function (o) {
              if (o && total + o.size <= +i.dataset.max) {
                total += o.size;
                put(x, new File([o], name + "-" + side + ".jpg", { type: "image/jpeg" }));
                made.push(c.width + "x" + c.height);
                src = c;
              }
              return next(k + 1);
            });
          };
          return next(0);
        });
      })
      .then(done, done);
  });
});
