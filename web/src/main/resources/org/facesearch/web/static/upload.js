// Shared by the Search and Verify pages: drop zones with a preview, and reading the API's errors.
"use strict";

const facesearch = {
  /** Makes a .drop label accept dropped files as well as picked ones, and preview the choice. */
  dropZone(label, onChange) {
    const input = label.querySelector("input[type=file]");
    const preview = label.querySelector("img");
    const show = () => {
      const file = input.files[0];
      if (preview && file) {
        if (preview.src) URL.revokeObjectURL(preview.src);
        preview.src = URL.createObjectURL(file);
        preview.hidden = false;
      }
      if (onChange && file) onChange(file);
    };
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(type => label.addEventListener(type, event => {
      event.preventDefault();
      label.classList.add("dragging");
    }));
    ["dragleave", "drop"].forEach(type => label.addEventListener(type, () => label.classList.remove("dragging")));
    label.addEventListener("drop", event => {
      event.preventDefault();
      if (event.dataTransfer.files.length > 0) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
  },

  /** Checks a file before sending it, so a too-large photo is refused without uploading it. */
  tooLarge(file, maxBytes) {
    return file.size > maxBytes
      ? `That photo is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(1)} MB.`
      : null;
  },

  /** POSTs a form to the API; resolves with the JSON answer or rejects with its error message. */
  async post(url, form) {
    let response;
    try {
      response = await fetch(url, { method: "POST", body: form });
    } catch (e) {
      throw new Error("Could not reach the server.");
    }
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON */ }
    if (!response.ok) {
      const error = new Error(body && body.error ? body.error : `The server answered ${response.status}.`);
      error.status = response.status;
      throw error;
    }
    return body;
  },

  message(element, text, kind) {
    element.textContent = text;
    element.className = "message" + (kind ? " " + kind : "");
    element.hidden = !text;
  },

  /** A probability as a person reads it: whole percents, never a flat 0 % or 100 %. */
  percent(probability) {
    const rounded = Math.round(probability * 100);
    if (rounded >= 100 && probability < 1) return ">99 %";
    if (rounded <= 0 && probability > 0) return "<1 %";
    return rounded + " %";
  },

  /** "George_W_Bush" as "George W Bush". */
  displayName(identity) {
    return identity.replace(/_/g, " ");
  },
};
