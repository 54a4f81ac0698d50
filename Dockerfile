# Production image: the whole product (API, dashboard, FTP service) in one process.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Toolchain for the native modules (better-sqlite3, argon2) when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY patches ./patches
COPY packages/ftp-server/package.json packages/ftp-server/
COPY packages/db packages/db
COPY packages/core/package.json packages/core/
COPY apps/api/package.json apps/api/
COPY apps/cli/package.json apps/cli/
COPY apps/web/package.json apps/web/
COPY e2e/package.json e2e/
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN NEXT_TELEMETRY_DISABLED=1 npm run build -w @ftp-panel/web

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 DATA_DIR=/var/lib/ftp-panel HOMES_DIR=/srv/ftp-homes
COPY --from=build /app /app
RUN mkdir -p /var/lib/ftp-panel /srv/ftp-homes && chown -R node:node /var/lib/ftp-panel /srv/ftp-homes
USER node
EXPOSE 3000 2121 50000-50100
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "scripts/start.mjs"]
