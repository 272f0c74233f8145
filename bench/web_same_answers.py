#!/usr/bin/env python3
"""Whether two running `facesearch serve` processes (A and B: e.g. two builds over one index) give
the same answers to `POST /api/query`: the same 100 LFW photos as bench/web_ab.py (seed 42) sent
to both, every face of each photo searched in turn, and the JSON compared field by field. The
picture (`face.crop`, a JPEG data URL) is compared by its decoded pixels where Pillow is installed,
else by its presence; `build` (the index build's name) is compared too, so both must serve one
index. Scores and probabilities are compared to within 1e-6, everything else exactly: a server's
first answers can differ in their last float bits from what the same build answers once warm (48 of
102 answers of a fresh server against a warm one of the same build, about 1e-7), so run it twice
and read the second run, where warm servers of one build give identical numbers. Prints the number of answers compared, the largest score difference and every other
difference; exits 1 if there is one.

    python3 bench/web_same_answers.py PORT_A PORT_B
"""
import sys, os, random, http.client, uuid, json, base64, io
portA, portB = int(sys.argv[1]), int(sys.argv[2])
root = os.path.join(os.environ.get("FACESEARCH_DATA", "../shared/data/lfw"), "images")
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".jpg"))
random.Random(42).shuffle(files)
try:
    from PIL import Image
except ImportError:
    Image = None
def ask(port, photo, face):
    b = uuid.uuid4().hex
    data = (f"--{b}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"q.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + photo + (
            f"\r\n--{b}\r\nContent-Disposition: form-data; name=\"face\"\r\n\r\n{face}"
            f"\r\n--{b}--\r\n").encode()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("POST", "/api/query", data, {"Content-Type": f"multipart/form-data; boundary={b}"})
    r = c.getresponse(); body = r.read(); c.close()
    return r.status, json.loads(body)
def picture(answer):
    crop = answer["face"].pop("crop")
    if Image is None: return bool(crop)
    return Image.open(io.BytesIO(base64.b64decode(crop.split(",", 1)[1]))).convert("RGB").tobytes()
TOLERANCE = 1e-6
largest = 0.0
def same(a, b, where):
    """Whether two JSON values are equal, floats to within TOLERANCE; notes the largest gap."""
    global largest
    if isinstance(a, float) and isinstance(b, float):
        largest = max(largest, abs(a - b)); return abs(a - b) <= TOLERANCE
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k], where) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y, where) for x, y in zip(a, b))
    return a == b
compared, differences = 0, []
for f in files[:100]:
    photo = open(f, "rb").read()
    face, faces = 0, 1
    while face < faces:
        (sa, a), (sb, b) = ask(portA, photo, face), ask(portB, photo, face)
        if sa != sb: differences.append(f"{f} face {face}: status {sa} vs {sb}")
        if sa == 200 and sb == 200:
            faces = len(a["faces"])
            if picture(a) != picture(b): differences.append(f"{f} face {face}: the pictures differ")
            if not same(a, b, f): differences.append(f"{f} face {face}: {json.dumps(a)} vs {json.dumps(b)}")
        compared += 1; face += 1
print(f"{compared} answers compared (pictures by {'pixels' if Image else 'presence'}), "
      f"{len(differences)} differ; largest difference of a score or probability {largest:.1e}")
for d in differences: print("  " + d)
sys.exit(1 if differences else 0)
