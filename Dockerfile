# The spillway command line in a small image, for `spillway k8s-job` (README: "Run a big study on
# your cluster"). The bundle in dist-cli/ has every dependency inside, so the final image is
# node:20-slim plus two files, run as the image's unprivileged `node` user (uid 1000).
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:cli

FROM node:20-slim
WORKDIR /opt/spillway
COPY --from=build /src/dist-cli/ ./
# Numeric, so Kubernetes can check runAsNonRoot against the image.
USER 1000:1000
ENTRYPOINT ["node", "/opt/spillway/spillway.mjs"]
CMD ["--help"]
