#!/bin/bash
# two inits racing on a fresh data directory; bounded to N rounds
N=${1:-10}
REPO=${REPO:-$PWD}  # run from the repository (a worktree)
for i in $(seq 1 $N); do
  D=${TMPDIR:-/tmp}/sb-init-race/r$i; rm -rf $D; mkdir -p $D; chmod 700 $D
  export SOCIALBOT_DATA_DIR=$D/data SOCIALBOT_AUDIT_KEY=$(python3 -c 'import secrets;print(secrets.token_hex(32))')
  cd /tmp
  (PYTHONPATH=$REPO timeout 60 /work/main/.venv/bin/python -m social_bot init >$D/a.out 2>&1; echo "a rc=$?" >>$D/a.out) &
  (PYTHONPATH=$REPO timeout 60 /work/main/.venv/bin/python -m social_bot init >$D/b.out 2>&1; echo "b rc=$?" >>$D/b.out) &
  wait
  echo "round $i: $(tail -1 $D/a.out) $(tail -1 $D/b.out) files: $(ls $D/data 2>/dev/null | tr '\n' ' ')"
  grep -h "error" $D/a.out $D/b.out | head -2
done
