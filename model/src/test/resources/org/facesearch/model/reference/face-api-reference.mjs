// How face-api-descriptors.json was made (not run by the build): face-api.js's own forward pass on
// a 150x150x3 file of raw RGB bytes (row by row). Needs @vladmandic/face-api@1.7.15's
// dist/face-api.esm-nobundle.js copied here as fa.js, with its three '@tensorflow/...dist/index.js'
// imports pointed at the packages, and @tensorflow/tfjs@4.22.0 (+ backend-wasm, backend-webgl).
//   node face-api-reference.mjs MODEL_DIR face.rgb
import fs from 'fs';
import * as faceapi from './fa.js';

const tf = faceapi.tf;
await tf.setBackend('cpu');
await tf.ready();
const [modelDir, input] = process.argv.slice(2);
const manifest = JSON.parse(
  fs.readFileSync(`${modelDir}/face_recognition_model-weights_manifest.json`));
const bin = fs.readFileSync(`${modelDir}/face_recognition_model.bin`);
const weights = tf.io.decodeWeights(
  bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), manifest[0].weights);
const net = faceapi.nets.faceRecognitionNet;
net.loadFromWeightMap(weights);
const pixels = Float32Array.from(fs.readFileSync(input));
const descriptor = await net.computeFaceDescriptor(tf.tensor4d(pixels, [1, 150, 150, 3]));
console.log(JSON.stringify(Array.from(descriptor)));
