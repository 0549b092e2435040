#!/usr/bin/env bash
# Builds the container images of the silo, the API and the feed handler with the .NET SDK (no Docker needed).
#
#   eng/containers/publish.sh [tag]                      # tarballs in artifacts/containers/<repository>.tar.gz
#   K2_CONTAINER_REGISTRY=myacr.azurecr.io eng/containers/publish.sh [tag]   # pushed straight to that registry
#
# The SDK fetches the base image (mcr.microsoft.com/dotnet/aspnet:10.0) from its registry, so this needs network
# access to it. A push authenticates through Docker credential helpers or DOTNET_CONTAINER_REGISTRY_UNAME/_PWORD
# (docs/deploy.md shows both for Azure Container Registry).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
readonly tag="${1:-latest}"
readonly archive_dir=artifacts/containers

for project in K2.Silo K2.Api K2.Ingestion; do
  args=(publish "$project/$project.csproj" -c Release --os linux --arch x64 -t:PublishContainer "-p:ContainerImageTag=$tag")
  if [ -n "${K2_CONTAINER_REGISTRY:-}" ]; then
    args+=("-p:ContainerRegistry=$K2_CONTAINER_REGISTRY")
  else
    mkdir -p "$archive_dir"
    args+=("-p:ContainerArchiveOutputPath=$archive_dir/")
  fi
  echo "publish.sh: dotnet ${args[*]}" >&2
  dotnet "${args[@]}"
done
