#!/bin/sh
# Gives disk space back from the VM bundle, then starts the app: use it instead of opening the app.
#
#   vmdisk-prelaunch.sh                       # compacts the Claude bundle, then: open -a Claude
#   vmdisk-prelaunch.sh some-app --its-args   # compacts, then runs that command instead
#
# Compacts only images that would give back at least VMDISK_IF_RECLAIMABLE (default 1G), passes over
# images in use (the app is already running), and prints nothing unless something fails. A failure
# is reported and the app starts anyway: a disk that is not compacted is no reason not to start.
#
# Settings (environment): VMDISK_BUNDLE (default: the Claude desktop app's bundle on macOS),
# VMDISK_IF_RECLAIMABLE (default 1G), VMDISK (the vmdisk command, default: vmdisk on PATH).
bundle=${VMDISK_BUNDLE:-"$HOME/Library/Application Support/Claude/vm_bundles/claudevm.bundle"}
if [ -d "$bundle" ]; then
  "${VMDISK:-vmdisk}" compact --if-reclaimable "${VMDISK_IF_RECLAIMABLE:-1G}" --skip-busy --quiet "$bundle" ||
    echo "vmdisk-prelaunch: compact failed (exit $?, reason above); starting anyway" >&2
else
  echo "vmdisk-prelaunch: no VM bundle at $bundle (set VMDISK_BUNDLE); starting anyway" >&2
fi
if [ "$#" -eq 0 ]; then
  set -- open -a Claude
fi
exec "$@"
