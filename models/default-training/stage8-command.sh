#!/usr/bin/env bash
# Stage 8 (not shipped): the seventh stage (models/default) continued (seed 3 as stage 7, so its validation loss compares with stage 7's 0.1528),
# 3,000 more steps, AdamW 0.05, lr 2e-4 cosine, 32 teacher views, bf16. CLI frozen in runs/fs16 (commit 5f9f6a9). Started with 5,000 at 07:16, stopped at step 117 (07:49) to free the cores; restarted fresh at 08:29 with 3,000 (a cosine run cannot resume with another length; the same stage-7 weights, now models/default).
cd /work
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 FACESEARCH_DATA=shared/data/lfw
exec $JAVA_HOME/bin/java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
  -jar runs/fs16/facesearch-cli.jar train --objective distill --teacher dlib-resnet \
  --align dlib-landmarks68 --backbone resnet18-96 --init main/models/default \
  --teacher-targets mirror-centred --teacher-views 32 --iterations 3000 --batch 64 --lr 2e-4 \
  --lr-schedule cosine --optimizer adamw --weight-decay 0.05 --precision bf16 --validate-every 500 \
  --max-minutes 75 --best-weights --seed 3 --run-dir runs/distill-96-s8 "$@"
