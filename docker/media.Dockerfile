# syntax=docker/dockerfile:1
# Media service (apps/media): mediasoup SFU + signalling + interview pages.
#   docker build -f docker/media.Dockerfile -t talent-cloud/media .
#   docker run --rm -p 4443:4443 -p 40000-40001:40000-40001/udp -p 40000-40001:40000-40001/tcp \
#     -e MEDIA_WORKERS=2 -e MEDIA_LISTEN_IP=0.0.0.0 -e MEDIA_ANNOUNCED_ADDRESS=<public IP> \
#     -e MEDIA_TOKEN_SECRET=<same secret as the API> talent-cloud/media
# Worker i listens on UDP+TCP MEDIA_RTC_PORT_BASE+i: publish one port per worker.

ARG NODE_IMAGE=node:20-bookworm

# --- 1. build: mediasoup worker (against Debian's libraries), TypeScript, the interview pages ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# npm must not try to build or download the worker itself; tools/mediasoup/build-worker.sh does it.
ENV MEDIASOUP_WORKER_BIN=/app/.cache/skip
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tools/mediasoup tools/mediasoup
RUN tools/mediasoup/build-worker.sh \
 && install -D -m 0755 "$(tools/mediasoup/worker-bin.sh)" /out/mediasoup-worker
COPY tsconfig.json tsconfig.build.json ./
COPY apps/media apps/media
# The interview pages are Vue apps of apps/web, built by Vite (apps/web/build.mjs type-checks every app and generates
# their typed GraphQL documents from the API's committed schema).
COPY apps/web apps/web
COPY apps/api/schema.gql apps/api/schema.gql
RUN npx tsc -p apps/media/tsconfig.app.json \
 && node apps/media/build-web.mjs

# --- 2. production node_modules only ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV MEDIASOUP_WORKER_BIN=/opt/mediasoup/mediasoup-worker
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- 3. runtime ---
FROM ${NODE_IMAGE}-slim AS runtime
# Shared libraries the worker was linked against (same Debian release as the build stage).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libabsl20220623 libuv1 libsrtp2-1 libusrsctp2 libssl3 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    MEDIASOUP_WORKER_BIN=/opt/mediasoup/mediasoup-worker \
    MEDIA_WEB_ROOT=/app/apps/web \
    MEDIA_PORT=4443 \
    MEDIA_RTC_PORT_BASE=40000
COPY --from=build /out/mediasoup-worker /opt/mediasoup/mediasoup-worker
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build /app/dist/apps/media ./dist/apps/media
COPY --from=build /app/apps/web/dist/interview ./apps/web/dist/interview
COPY --from=build /app/apps/web/dist/assets ./apps/web/dist/assets
COPY package.json ./
# Fails fast if a shared library is missing.
RUN ldd /opt/mediasoup/mediasoup-worker | (! grep "not found")
USER node
EXPOSE 4443
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.MEDIA_PORT || 4443) + '/media/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/apps/media/main.js"]
