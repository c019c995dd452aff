// The citizen pages of work orders. Everything here improves a form that works without it:
// the location button, photo thumbnails, one submission per tap, the first error in view.
// Messages come from data-* attributes, so they are translated with the page.
(function () {
  "use strict";

  // --- "附上我现在的位置": the phone's position into two hidden fields -------------------------
  function setUpGeolocation(box) {
    var button = box.querySelector("[data-geo-button]");
    var status = box.querySelector("[data-geo-status]");
    var latitude = box.querySelector("input[name=latitude]");
    var longitude = box.querySelector("input[name=longitude]");
    if (!button || !latitude || !longitude) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (!("geolocation" in navigator)) {
        status.textContent = box.dataset.msgUnsupported;
        return;
      }
      button.disabled = true;
      status.textContent = box.dataset.msgBusy;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          // Six decimals (about 0.1 m) is what the case keeps.
          latitude.value = position.coords.latitude.toFixed(6);
          longitude.value = position.coords.longitude.toFixed(6);
          status.textContent = box.dataset.msgDone;
          button.disabled = false;
          button.classList.replace("btn-outline-primary", "btn-outline-success");
        },
        function () {
          status.textContent = box.dataset.msgFailed;
          button.disabled = false;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  // --- Photos: the camera and the album add up to one list, shown as thumbnails -------------
  // The files end up in the album input (DataTransfer), so the form posts each one once.
  var ALLOWED = ["image/jpeg", "image/png", "image/webp"];

  function setUpPhotos(box) {
    var camera = box.querySelector("#id_photo_camera");
    var album = box.querySelector("#id_photos");
    var previews = box.querySelector("[data-photo-previews]");
    var message = box.querySelector("[data-photo-message]");
    if (!camera || !album || !previews || typeof DataTransfer === "undefined") return;
    var max = parseInt(box.dataset.max, 10) || 6;
    var maxBytes = parseInt(box.dataset.maxBytes, 10) || 5242880;
    var picked = [];
    box.classList.add("is-enhanced");

    function sync() {
      var transfer = new DataTransfer();
      picked.forEach(function (file) { transfer.items.add(file); });
      album.files = transfer.files;
      camera.value = "";
      previews.replaceChildren();
      picked.forEach(function (file, index) {
        var item = document.createElement("li");
        var image = document.createElement("img");
        image.alt = file.name;
        image.src = URL.createObjectURL(file);
        image.addEventListener("load", function () { URL.revokeObjectURL(image.src); });
        var remove = document.createElement("button");
        remove.type = "button";
        remove.setAttribute("aria-label", box.dataset.msgRemove);
        remove.innerHTML = '<i class="bi bi-x-lg" aria-hidden="true"></i>';
        remove.addEventListener("click", function () {
          picked.splice(index, 1);
          message.textContent = "";
          sync();
        });
        item.append(image, remove);
        previews.append(item);
      });
    }

    function add(files) {
      var problems = [];
      Array.prototype.forEach.call(files, function (file) {
        // The server checks the content again; this only saves a wasted upload.
        if (file.type && ALLOWED.indexOf(file.type) < 0) {
          problems.push(box.dataset.msgType + file.name);
        } else if (file.size > maxBytes) {
          problems.push(box.dataset.msgTooLarge + file.name);
        } else if (picked.length >= max) {
          if (problems.indexOf(box.dataset.msgTooMany) < 0) problems.push(box.dataset.msgTooMany);
        } else {
          picked.push(file);
        }
      });
      message.replaceChildren.apply(message, problems.map(function (text) {
        var line = document.createElement("div");
        line.textContent = text;
        return line;
      }));
      sync();
    }

    camera.addEventListener("change", function () { add(Array.prototype.slice.call(camera.files)); });
    // A new choice in the album replaces its files; sync() then puts the whole list back.
    album.addEventListener("change", function () { add(Array.prototype.slice.call(album.files)); });
  }

  // --- One submission per tap: a slow network invites a second one --------------------------
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-submitting]") || event.defaultPrevented) return;
    var button = form.querySelector("button[type=submit]");
    if (!button) return;
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    button.dataset.label = button.innerHTML;
    button.disabled = true;
    button.textContent = form.dataset.submitting;
  });
  // Back to a page from the cache: its buttons work again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      var button = form.querySelector("button[type=submit]");
      if (!button) return;
      button.disabled = false;
      if (button.dataset.label) button.innerHTML = button.dataset.label;
    });
  });

  function showFirstError() {
    var invalid = document.querySelector(".pa-citizen .is-invalid");
    if (!invalid) return;
    invalid.scrollIntoView({ block: "center" });
    if (typeof invalid.focus === "function") invalid.focus({ preventScroll: true });
  }

  document.querySelectorAll("[data-geo]").forEach(setUpGeolocation);
  document.querySelectorAll("[data-photo-picker]").forEach(setUpPhotos);
  showFirstError();
})();
