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

  async function search(face = 0) {
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
    data.append("face", face);
    button.disabled = true;
    facesearch.message(message, "Looking for the face…", "info");
    try {
      show(await facesearch.post("/api/query", data), file);
      facesearch.message(message, "");
    } catch (error) {
      facesearch.message(message, error.status === 422 ? "No face found in that photo. Try one where the face is clearly visible." : error.message);
    } finally {
      button.disabled = false;
    }
  }

  function show(answer, file) {
    document.getElementById("crop").src = answer.face.crop;
    drawFaces(answer, file);
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
    // Without the index's look-alike calibration the percentages are 1:1 ones: say so, once.
    const note = document.getElementById("probability-note");
    note.textContent = answer.note || "";
    note.hidden = !answer.note;
    results.hidden = false;
  }

  /** The photo with a clickable box per face found and dots on its landmarks. */
  function drawFaces(answer, file) {
    const holder = document.getElementById("faces");
    const photo = document.getElementById("photo-faces");
    document.getElementById("faces-hint").hidden = answer.faces.length < 2;
    if (photo.src) URL.revokeObjectURL(photo.src);
    photo.onload = () => {
      const scale = photo.clientWidth / photo.naturalWidth;
      const marks = [];
      answer.faces.forEach((face, index) => {
        const box = document.createElement("button");
        box.type = "button";
        box.className = "face-box" + (index === answer.faceIndex ? " chosen" : "");
        box.title = index === answer.faceIndex ? "The face searched for" : "Search for this face";
        box.setAttribute("aria-label", `Face ${index + 1} of ${answer.faces.length}`);
        Object.assign(box.style, {
          left: face.x * scale + "px", top: face.y * scale + "px",
          width: face.width * scale + "px", height: face.height * scale + "px"
        });
        if (index !== answer.faceIndex) box.addEventListener("click", () => search(index));
        marks.push(box);
        for (const point of Object.values(face.landmarks || {})) {
          const dot = document.createElement("span");
          dot.className = "face-dot";
          Object.assign(dot.style, { left: point.x * scale + "px", top: point.y * scale + "px" });
          marks.push(dot);
        }
      });
      holder.replaceChildren(photo, ...marks);
    };
    photo.src = URL.createObjectURL(file);
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
    // The bar is a probability when there is one, its threshold at 50 %; otherwise the cosine. The
    // probability is the index's 1:N one (this person among the gallery's), else the model's 1:1.
    const identified = result.identificationProbability !== null;
    const probability = identified ? result.identificationProbability : result.verificationProbability;
    const calibrated = probability !== null;
    const track = document.createElement("div");
    track.className = "bar-track";
    const fill = document.createElement("div");
    fill.className = "bar-fill";
    fill.style.width = percentWidth(calibrated ? probability : result.score);
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
      ? `${facesearch.percent(probability)} ` + (identified ? "likely this person" : "likely the same person (1:1)") + ` (similarity ${result.score.toFixed(3)}` + (threshold !== null ? `, threshold 50 % = ${threshold.toFixed(3)})` : ")")
      : `similarity ${result.score.toFixed(3)}` + (threshold !== null ? ` (threshold ${threshold.toFixed(3)})` : "");
    text.append(name, track, score);

    li.append(rank, image, text);
    return li;
  }

  function percentWidth(fraction) {
    return Math.max(0, Math.min(100, fraction * 100)).toFixed(1) + "%";
  }
})();
