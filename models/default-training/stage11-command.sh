#!/usr/bin/env bash
# Stage 11 (2 December, from 17:27, CLI frozen at commit 913bb66 in runs/fs19, an AVX-512 BF16 EPYC):
# the seventh stage (models/default) continued with mixup (stage 10's winner) and 16 stored teacher views
# (stage 7 trained on 32; 16 halves the teacher's first pass), bf16 steps, 3,500 steps of a cosine at 2e-4
# (stage 8's peak), seed 3 as stages 7-10 so the validation loss compares with theirs.
# Stopped at step 679 of 3,500 (18:15) to free the cores for the teacher-gallery measurements: validation loss
# 0.1850 at step 500 (stage 8, no mixup, the same peak: 0.1915 at 500); 76 img/s alone, 36-50 beside other work.
# Its checkpoints were on that machine only; run it again from the start.
cd /work
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 FACESEARCH_DATA=shared/data/lfw
exec $JAVA_HOME/bin/java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
  -jar runs/fs19/facesearch-cli.jar train --objective distill --teacher dlib-resnet \
  --align dlib-landmarks68 --backbone resnet18-96 --init main/models/default \
  --teacher-targets mirror-centred --teacher-views 16 --teacher-mixup 0.5 --iterations 3500 --batch 64 --lr 2e-4 \
  --lr-schedule cosine --optimizer adamw --weight-decay 0.05 --precision bf16 --validate-every 500 \
  --max-minutes 120 --best-weights --seed 3 --run-dir runs/distill-96-s11 "$@"
