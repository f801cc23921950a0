#!/usr/bin/env bash
# Regenerates the test certificates (valid for 100 years): a test CA, a server certificate for localhost and
# 127.0.0.1, and one for wrong.example only (to test host name verification). For tests only.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $days -subj "/CN=erpoll test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
for name in server wrong; do
  if [[ $name == server ]]; then san="DNS:localhost,IP:127.0.0.1"; else san="DNS:wrong.example"; fi
  openssl req -newkey rsa:2048 -nodes -keyout $name.key -out $name.csr -subj "/CN=erpoll test $name"
  openssl x509 -req -in $name.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $name.pem -days $days \
    -extfile <(printf "subjectAltName=%s\nextendedKeyUsage=serverAuth\n" "$san")
  rm $name.csr
done
rm -f ca.srl ca.key  # nothing more is ever signed with it
