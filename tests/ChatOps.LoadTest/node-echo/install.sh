#!/bin/sh
# Installs the Node echo bot's one dependency (botbuilder 4.23) next to this script.
set -e
cd "$(dirname "$0")"
npm install --no-audit --no-fund --omit=dev
