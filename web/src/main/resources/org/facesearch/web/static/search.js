// Search page: send the photo to /api/query and show the face found and its look-alikes.
"use strict";

(() => {
  const form = document.getElementById("query-form");
  const input = document.getElementById("photo");
  const top = document.getElementById("top");
  const button = document.getElementById("search-button");
  const message = document.getElementById("message");
  const results = document.getElementById("results");
  const maxBytes = Number(form.dataset.maxBytes);

  facesearch.dropZone(document.getElementById("drop"), () => search());
  form.addEventListener("submit", event => { event.preventDefault(); search(); });
  top.addEventListener("change", () => { if (input.files.length > 0) search(); });

  async function search() {
    const file = input.files[0];
    results.hidden = true;
    if (!file) {
      facesearch.message(message, "Choose a photo first.");
      return;
    }
    const tooLarge = facesearch.tooLarge(file, maxBytes);
    if (tooLarge) {
      facesearch.message(message, tooLarge);
      return;
    }
    const data = new FormData();
    data.append("photo", file);
    data.append("top", top.value);
    button.disabled = true;
    facesearch.message(message, "Looking for the face…", "info");
    try {
      show(await facesearch.post("/api/query", data));
      facesearch.message(message, "");
    } catch (error) {
      facesearch.message(message, error.status === 422 ? "No face found in that photo. Try one where the face is clearly visible." : error.message);
    } finally {
      button.disabled = false;
    }
  }

  function show(answer) {
    document.getElementById("crop").src = answer.face.crop;
    const verdict = document.getElementById("verdict");
    if (answer.threshold === null) {
      verdict.textContent = `Closest ${answer.results.length === 1 ? "person" : answer.results.length + " people"} in the gallery`;
      verdict.className = "verdict verdict-closed";
    } else if (answer.unknown) {
      verdict.textContent = "Unknown: no one in the gallery is above the threshold";
      verdict.className = "verdict verdict-unknown";
    } else {
      verdict.textContent = "Looks like " + facesearch.displayName(answer.match);
      verdict.className = "verdict verdict-match";
    }
    const list = document.getElementById("matches");
    list.replaceChildren(...answer.results.map(result => item(result, answer.threshold)));
    results.hidden = false;
  }

  function item(result, threshold) {
    const li = document.createElement("li");
    li.className = "match" + (result.rank === 1 ? " best" : "") + (threshold !== null && result.score < threshold ? " below" : "");
    li.dataset.identity = result.identity;

    const rank = document.createElement("span");
    rank.className = "rank";
    rank.textContent = result.rank;

    const image = document.createElement("img");
    image.src = result.thumbnail;
    image.alt = facesearch.displayName(result.identity);

    const text = document.createElement("div");
    const name = document.createElement("a");
    name.className = "name";
    name.href = result.person;
    name.textContent = facesearch.displayName(result.identity);
    // A calibrated model's bar is the probability, its threshold at 50 %; otherwise the cosine.
    const calibrated = result.probability !== null;
    const track = document.createElement("div");
    track.className = "bar-track";
    const fill = document.createElement("div");
    fill.className = "bar-fill";
    fill.style.width = percentWidth(calibrated ? result.probability : result.score);
    track.append(fill);
    if (threshold !== null) {
      const mark = document.createElement("div");
      mark.className = "bar-threshold";
      mark.title = "threshold";
      mark.style.left = percentWidth(calibrated ? 0.5 : threshold);
      track.append(mark);
    }
    const score = document.createElement("span");
    score.className = "score";
    score.textContent = calibrated
      ? `${facesearch.percent(result.probability)} likely the same person (similarity ${result.score.toFixed(3)}` + (threshold !== null ? `, threshold 50 % = ${threshold.toFixed(3)})` : ")")
      : `similarity ${result.score.toFixed(3)}` + (threshold !== null ? ` (threshold ${threshold.toFixed(3)})` : "");
    text.append(name, track, score);

    li.append(rank, image, text);
    return li;
  }

  function percentWidth(fraction) {
    return Math.max(0, Math.min(100, fraction * 100)).toFixed(1) + "%";
  }
})();
