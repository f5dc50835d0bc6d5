(function () {
  var root = document.getElementById("chat");
  var cfg = JSON.parse(document.getElementById("chat-config").textContent);
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var status = document.getElementById("status");
  var storeKey = "cho-chat:" + cfg.shop;
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) {}
  var session = saved.session || null;
  var lastSeq = saved.seq || 0;
  var history = Array.isArray(saved.log) ? saved.log : [];
  var MAX_KEPT = 50, MAX_CHARS = 48000;
  var queue = [];
  var sending = false;

  function persist() {
    if (history.length > MAX_KEPT) history = history.slice(-MAX_KEPT);
    var json = JSON.stringify({ session: session, seq: lastSeq, log: history });
    while (json.length > MAX_CHARS && history.length) {
      history = history.slice(Math.ceil(history.length / 4));
      json = JSON.stringify({ session: session, seq: lastSeq, log: history });
    }
    try { localStorage.setItem(storeKey, json); } catch (e) {}
  }
  function keep(entry) { history.push(entry); persist(); }
  function newId() {
    var a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function scrollDown() { window.scrollTo(0, document.body.scrollHeight); }

  function bubble(kind, text) {
    var div = document.createElement("div");
    div.className = "msg " + kind;
    div.textContent = text;
    log.appendChild(div);
    return div;
  }

  // old: a bubble from the kept history. Its links (the payment page) still work; its other
  // buttons are spent, since the answer to "resume" below brings the ones that count now.
  function showReply(reply, old) {
    var wrap = document.createElement("div");
    wrap.className = old ? "msg bot old" : "msg bot";
    if (reply.image) {
      var img = document.createElement("img");
      img.src = reply.image; img.alt = ""; img.loading = "lazy";
      wrap.appendChild(img);
    }
    var p = document.createElement("div");
    p.className = "text";
    p.textContent = reply.text;
    wrap.appendChild(p);
    if (reply.buttons && reply.buttons.length) {
      var bar = document.createElement("div");
      bar.className = "buttons";
      if (old) bar.setAttribute("data-used", "1");
      reply.buttons.forEach(function (b) {
        var el;
        if (b.url) {
          el = document.createElement("a");
          el.href = b.url; el.target = "_blank"; el.rel = "noopener";
        } else {
          el = document.createElement("button");
          el.type = "button";
          if (old) el.disabled = true;
          // One tap is one message: the reply's buttons are spent at once (a double tap on slow 3G
          // sends nothing more), and the tapped one says it is on its way.
          el.addEventListener("click", function () {
            if (bar.getAttribute("data-used")) return;
            bar.setAttribute("data-used", "1");
            Array.prototype.forEach.call(bar.querySelectorAll("button"), function (x) { x.disabled = true; });
            el.classList.add("sending");
            send({ action: b.action }, b.label);
          });
        }
        el.className = "btn";
        el.textContent = b.label;
        bar.appendChild(el);
      });
      wrap.appendChild(bar);
    }
    log.appendChild(wrap);
    if (old) return;
    input.setAttribute("inputmode", reply.requestPhone ? "tel" : "text");
    keep({ r: { text: reply.text, buttons: reply.buttons, image: reply.image } });
  }

  function send(body, shown) {
    var mine = shown ? bubble("me", shown) : null;
    if (shown) keep({ me: shown });
    if (mine) mine.setAttribute("data-sending", cfg.t.sending);
    queue.push({ body: body, id: newId(), tries: 0, bubble: mine });
    scrollDown();
    pump();
  }

  function pump() {
    if (sending || !queue.length) return;
    sending = true;
    var item = queue[0];
    var payload = Object.assign({ id: item.id }, item.body);
    if (session) payload.session = session;
    fetch(cfg.api, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) })
      .then(function (res) {
        if (res.status === 409 || res.status >= 500) throw new Error("retry");
        return res.json().then(function (data) { return { ok: res.ok, data: data }; });
      })
      .then(function (r) {
        queue.shift();
        if (item.bubble) item.bubble.removeAttribute("data-sending");
        status.textContent = "";
        root.classList.remove("offline");
        if (r.ok) {
          if (r.data.session !== session) { session = r.data.session; lastSeq = 0; persist(); }
          r.data.replies.forEach(function (reply) { showReply(reply, false); });
        } else {
          bubble("bot", r.data.error || "error");
        }
        sending = false;
        scrollDown();
        pump();
      })
      .catch(function () {
        item.tries++;
        sending = false;
        if (item.tries > 6) {
          // Offline: keep the message (same id) and send it by itself when the network is back,
          // or at the latest every 20 s.
          status.textContent = cfg.t.offline;
          root.classList.add("offline");
          setTimeout(pump, 20000);
          return;
        }
        status.textContent = cfg.t.retrying;
        setTimeout(pump, Math.min(1000 * Math.pow(2, item.tries - 1), 15000));
      });
  }

  function poll() {
    if (!session || document.hidden) return;
    fetch(cfg.api + "?session=" + encodeURIComponent(session) + "&after=" + lastSeq)
      .then(function (res) { return res.ok ? res.json() : { messages: [] }; })
      .then(function (data) {
        data.messages.forEach(function (m) { lastSeq = Math.max(lastSeq, m.seq); showReply(m, false); });
        if (data.messages.length) { persist(); scrollDown(); }
      })
      .catch(function () {});
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (root.classList.contains("offline")) { root.classList.remove("offline"); pump(); }
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send({ text: text }, text);
  });

  window.addEventListener("online", function () { root.classList.remove("offline"); pump(); });

  // The kept conversation first, then a returning page picks up where the person was; a new one is greeted.
  history.forEach(function (h) {
    if (h && typeof h.me === "string") bubble("me", h.me);
    else if (h && h.r && typeof h.r.text === "string") showReply(h.r, true);
  });
  scrollDown();
  send(session ? { action: "resume" } : {}, null);
  setInterval(poll, 5000);
})();
