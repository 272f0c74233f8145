#!/usr/bin/env bash
# Run 2 December 11:21-12:46 at commit 1898c9c (CLI frozen in runs/fs17) while two clean-clone CI runs shared the two cores: stopped by --max-minutes at step 712 of 2,000.
# Stage 9 (trial): the seventh stage (models/default) continued with mixup blends whose targets the teacher
# computes on the spot (--teacher-mixup 0.5), no stored views (this AVX2 machine had none cached), fp32 steps
# (no native bf16 here), seed 3 (stage 7's validation people), AdamW 0.05, lr 1e-4 cosine over 2,000 steps.
cd /work
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 FACESEARCH_DATA=shared/data/lfw
exec $JAVA_HOME/bin/java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
  -jar runs/fs17/facesearch-cli.jar train --objective distill --teacher dlib-resnet \
  --align dlib-landmarks68 --backbone resnet18-96 --init main/models/default \
  --teacher-targets mirror-centred --teacher-mixup 0.5 --iterations 2000 --batch 64 --lr 1e-4 \
  --lr-schedule cosine --optimizer adamw --weight-decay 0.05 --validate-every 250 \
  --max-minutes 80 --best-weights --seed 3 --run-dir runs/distill-96-s9 "$@"
