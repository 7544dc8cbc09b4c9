# lanewatch: runs the TypeScript sources through tsx (a runtime dependency), so there is no build step.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY workers ./workers
COPY drizzle ./drizzle
COPY config ./config
COPY tsconfig.json ./
USER node
# Listen on every interface inside the container; docker-compose.yml publishes the port on 127.0.0.1 only.
ENV HOST=0.0.0.0 PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node as PID 1 gets SIGTERM from `docker stop` and shuts down cleanly (see stop_grace_period).
CMD ["node", "bin/lanewatch.js", "start"]
