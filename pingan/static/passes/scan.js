// The guard's scan page. The camera path uses the browser's BarcodeDetector where there is one;
// elsewhere the photo button sends a picture that the server decodes (zxing-cpp). A handheld
// scanner types into the focused field and presses Enter, which submits the form (htmx).
(function () {
  "use strict";
  var form = document.getElementById("pa-scan-form");
  var input = document.getElementById("pa-payload");
  var answer = document.getElementById("pa-answer");
  var photo = document.getElementById("pa-photo");
  var startButton = document.getElementById("pa-camera-start");
  var video = document.getElementById("pa-camera");
  if (!form || !input) return;

  function ready() {
    input.value = "";
    input.focus();
  }

  // After an answer: any key or the button clears it and gets ready for the next code.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target !== answer) return;
    var panel = answer.querySelector(".pa-answer");
    if (panel) panel.focus();
    input.value = "";
  });
  answer.addEventListener("click", function (event) {
    if (event.target.closest("[data-pa-dismiss]") || event.target.closest(".pa-answer")) {
      answer.innerHTML = "";
      ready();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (answer.querySelector(".pa-answer") && document.activeElement !== input) {
      answer.innerHTML = "";
      ready();
    }
  });

  if (photo) {
    photo.addEventListener("change", function () {
      if (photo.files.length) photo.form.requestSubmit();
    });
  }

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !startButton) return;
  startButton.classList.remove("d-none");
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  var stream = null;
  var busy = false;

  function stop() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.classList.add("d-none");
  }

  function tick() {
    if (!stream) return;
    if (busy || video.readyState < 2) { window.requestAnimationFrame(tick); return; }
    busy = true;
    detector.detect(video).then(function (codes) {
      busy = false;
      if (codes.length && codes[0].rawValue) {
        input.value = codes[0].rawValue;
        stop();
        form.requestSubmit();
        return;
      }
      window.requestAnimationFrame(tick);
    }).catch(function () { busy = false; window.requestAnimationFrame(tick); });
  }

  startButton.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.classList.remove("d-none");
      video.play();
      tick();
    }).catch(function () { startButton.classList.add("d-none"); });
  });
})();
