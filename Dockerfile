# errdocs in a container. The image runs errdocs in /site, where you mount your project (the
# folder that holds content/):
#
#   docker build -t errdocs .
#   docker run --rm -p 8080:8080 -v "$PWD:/site" errdocs                     # serve, on http://localhost:8080
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" errdocs build     # content/ → public/
#
# The build stage makes the playground module first, so the binary embeds it and the image
# needs no Go. Tested by TestReleaseKit (cmd/errdocs/release_test.go) as far as a machine
# without Docker allows: it runs the build stage's commands and the binary as the image would.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN ./build.sh wasm && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o errdocs ./cmd/errdocs

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /src/errdocs /usr/local/bin/errdocs
WORKDIR /site
EXPOSE 8080
ENTRYPOINT ["errdocs"]
# serve listens on every interface inside the container; -p 8080:8080 publishes it.
CMD ["serve", "--addr", ":8080"]
