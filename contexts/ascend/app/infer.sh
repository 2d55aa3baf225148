#!/bin/sh
# Stand-in for the application: checks that PyTorch and its NPU adapter import, then reports what
# it would run on (the real app loads a model and serves or runs a batch).
set -eu
python3 -c 'import torch, torch_npu'
echo "inference ready: device ascend${ASCEND_DEVICE}, CANN $(sed -n 's/^toolkit_version=//p' "$ASCEND_TOOLKIT_HOME/version.info"), $(python3 --version)"
