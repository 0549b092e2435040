// One K2 process as a container app: the shared identity pulls its image and reaches storage; connection strings
// are app secrets; /alive and /health (K2.ServiceDefaults) are the liveness and readiness probes.
param location string
param tags object
param name string
param environmentId string
param identityId string
param registryLoginServer string
param image string

@description('null: no ingress. Otherwise the Microsoft.App ingress object.')
param ingress object?

@description('Plain settings: [{ name, value }].')
param settings array

@description('Secrets and the environment variables that reference them: { secrets: [{ name, value }], env: [{ name, secretRef }] }.')
@secure()
param secretSettings object

param minReplicas int
param maxReplicas int
param cpu string
param memory string

@description('The port ASP.NET Core listens on in the .NET SDK base images (ASPNETCORE_HTTP_PORTS).')
param httpPort int = 8080

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      ingress: ingress
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: secretSettings.secrets
    }
    template: {
      containers: [
        {
          name: name
          image: image
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: concat(settings, secretSettings.env)
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/alive'
                port: httpPort
              }
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health'
                port: httpPort
              }
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

output fqdn string = ingress == null ? '' : app.properties.configuration.ingress.fqdn
