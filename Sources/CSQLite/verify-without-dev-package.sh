#!/usr/bin/env bash
# Proves that the store builds and runs with only libsqlite3.so.0: no sqlite3.h, no libsqlite3.so
# symlink, no static library. Linux, as root (it needs a private mount namespace):
#   unshare --mount --propagation private Sources/CSQLite/verify-without-dev-package.sh
# It hides the -dev files behind bind mounts of trimmed copies (the system is not changed), builds
# the store's child executable in a scratch folder, and opens a database with it.
set -euo pipefail
package=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
libdir=/usr/lib/$(gcc -dumpmachine 2>/dev/null || echo x86_64-linux-gnu)
cp -a "$libdir" "$work/lib"
rm -f "$work/lib/libsqlite3.so" "$work/lib/libsqlite3.a" "$work/lib/pkgconfig/sqlite3.pc"
cp -a /usr/include "$work/include"
rm -f "$work/include/sqlite3.h" "$work/include/sqlite3ext.h"
mount --bind "$work/lib" "$libdir"
mount --bind "$work/include" /usr/include
echo "hidden: $(ls /usr/include/sqlite3.h "$libdir/libsqlite3.so" 2>&1 | tr '\n' ' ')"
cd "$package"
swift build --scratch-path "$work/build" --product SwitchboardStoreChild
mkdir "$work/db"
"$work/build/debug/SwitchboardStoreChild" open "$work/db/store.sqlite"
ldd "$work/build/debug/SwitchboardStoreChild" | grep sqlite
