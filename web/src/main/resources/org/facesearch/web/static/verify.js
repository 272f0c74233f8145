// Verify page: send two photos to /api/verify and show both faces and the decision.
"use strict";

(() => {
  const form = document.getElementById("verify-form");
  const inputA = document.getElementById("photo-a");
  const inputB = document.getElementById("photo-b");
  const button = document.getElementById("verify-button");
  const message = document.getElementById("message");
  const verdict = document.getElementById("verdict");
  const maxBytes = Number(form.dataset.maxBytes);

  form.querySelectorAll(".drop").forEach(label => facesearch.dropZone(label));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    verdict.hidden = true;
    const a = inputA.files[0];
    const b = inputB.files[0];
    if (!a || !b) {
      facesearch.message(message, "Choose two photos first.");
      return;
    }
    const tooLarge = facesearch.tooLarge(a, maxBytes) || facesearch.tooLarge(b, maxBytes);
    if (tooLarge) {
      facesearch.message(message, tooLarge);
      return;
    }
    const data = new FormData();
    data.append("a", a);
    data.append("b", b);
    button.disabled = true;
    facesearch.message(message, "Comparing…", "info");
    try {
      show(await facesearch.post("/api/verify", data));
      facesearch.message(message, "");
    } catch (error) {
      facesearch.message(message, error.status === 422 ? "No face found: " + error.message : error.message);
    } finally {
      button.disabled = false;
    }
  });

  function show(answer) {
    document.getElementById("crop-a").src = answer.a.crop;
    document.getElementById("crop-b").src = answer.b.crop;
    const decision = document.getElementById("decision");
    decision.textContent = answer.same ? "Same person" : "Different people";
    decision.className = "decision " + (answer.same ? "same" : "different");
    document.getElementById("score").textContent =
      (answer.probability !== null ? `${facesearch.percent(answer.probability)} likely the same person (threshold 50 %): ` : "") +
      `similarity ${answer.score.toFixed(3)} ${answer.same ? "≥" : "<"} threshold ${answer.threshold.toFixed(3)}`;
    verdict.hidden = false;
  }
})();
