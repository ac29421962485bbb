#!/usr/bin/env bash
# Builds the Teams app package (manifest + icons, zipped) to sideload or upload to the Teams admin centre.
# Usage: BOT_APP_ID=<app id> PUBLIC_URL=https://bot.example.com COMPANY_NAME="Example Ltd" bash teams/package.sh
set -euo pipefail
cd "$(dirname "$0")"
: "${BOT_APP_ID:?set BOT_APP_ID to the bot's Microsoft App ID}"
: "${PUBLIC_URL:?set PUBLIC_URL to the bot's public https address}"
COMPANY_NAME="${COMPANY_NAME:-RefundBot}"
PUBLIC_HOST="${PUBLIC_URL#https://}"; PUBLIC_HOST="${PUBLIC_HOST%%/*}"
out="$(pwd)/build"; rm -rf "$out"; mkdir -p "$out"
sed -e "s|\${BOT_APP_ID}|$BOT_APP_ID|g" -e "s|\${PUBLIC_URL}|$PUBLIC_URL|g" \
    -e "s|\${PUBLIC_HOST}|$PUBLIC_HOST|g" -e "s|\${COMPANY_NAME}|$COMPANY_NAME|g" manifest.template.json > "$out/manifest.json"
cp color.png outline.png "$out/"
(cd "$out" && zip -q -X refundbot-teams.zip manifest.json color.png outline.png)
echo "$out/refundbot-teams.zip"
