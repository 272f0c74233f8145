#!/usr/bin/env bash
# Stage 10 (trial, 2 December 13:54-15:27, CLI frozen at commit c5c34c7 in runs/fs18, an AVX2-only EPYC):
# mixup against no mixup, the two runs side by side, one intra-op thread each, from the seventh stage's weights:
#   stage10-commands.sh distill-96-mix --teacher-mixup 0.5
#   stage10-commands.sh distill-96-ctl
# Everything else as stage9-command.sh, but 1,000 steps (so both end inside a session).
name=$1; shift
cd /work
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 FACESEARCH_DATA=shared/data/lfw
exec $JAVA_HOME/bin/java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads=1 \
  -jar runs/fs18/facesearch-cli.jar train --objective distill --teacher dlib-resnet \
  --align dlib-landmarks68 --backbone resnet18-96 --init main/models/default \
  --teacher-targets mirror-centred --iterations 1000 --batch 64 --lr 1e-4 \
  --lr-schedule cosine --optimizer adamw --weight-decay 0.05 --validate-every 250 \
  --max-minutes 130 --best-weights --seed 3 --run-dir runs/$name "$@"
