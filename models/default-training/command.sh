#!/usr/bin/env bash
# Stage 7 of the distilled default: its dead channels revived, AdamW, 32 teacher views, continued
# from the then models/default, now models/student-96-20views (distill-de0d39e143f6, copied to runs/student96x). CLI frozen in runs/fs14b
# (commit 534b556).
cd /work
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 FACESEARCH_DATA=shared/data/lfw
exec $JAVA_HOME/bin/java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
  -jar runs/fs14b/facesearch-cli.jar train --objective distill --teacher dlib-resnet \
  --align dlib-landmarks68 --backbone resnet18-96 --init runs/student96x --revive-dead-branches \
  --teacher-targets mirror-centred --teacher-views 32 --iterations 7000 --batch 64 --lr 3e-4 \
  --lr-schedule cosine --optimizer adamw --weight-decay 0.05 --precision bf16 --validate-every 500 \
  --max-minutes 110 --best-weights --seed 3 --run-dir runs/distill-96-revived "$@"
