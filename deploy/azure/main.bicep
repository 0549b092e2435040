// K2 on Azure Container Apps: silo (internal; Orleans silo and gateway ports), API (external), feed handler, with
// PostgreSQL, an ADLS Gen2 warehouse, a container registry, one managed identity and Log Analytics/Application
// Insights. Deploy twice: first with deployApps=false (creates the registry to push images to), then with
// deployApps=true. docs/deploy.md has the commands.
targetScope = 'resourceGroup'

@description('Short lowercase prefix for resource names.')
@minLength(2)
@maxLength(12)
param namePrefix string = 'k2'

param location string = resourceGroup().location

@description('Globally unique registry name (5-50 alphanumerics).')
param registryName string = '${namePrefix}acr${uniqueString(resourceGroup().id)}'

@description('Globally unique storage account name (3-24 lowercase letters and digits).')
param storageAccountName string = '${namePrefix}lake${uniqueString(resourceGroup().id)}'

param warehouseContainerName string = 'warehouse'

@description('false on the first run: infrastructure only, so images can be pushed to the new registry.')
param deployApps bool = true

@description('Tag of the k2-silo, k2-api and k2-ingestion images in the registry.')
param imageTag string = 'latest'

param postgresAdministratorLogin string = 'k2admin'

@secure()
param postgresAdministratorPassword string

param postgresDatabaseName string = 'k2'
param postgresSkuName string = 'Standard_B2s'
param postgresSkuTier string = 'Burstable'
param postgresStorageSizeGB int = 32

@description('Bootstrap servers of a real Kafka cluster (Event Hubs Kafka endpoint, Confluent Cloud, ...). The local in-memory broker is never used here.')
@secure()
param kafkaBootstrapServers string

@description('Extra librdkafka properties for every client, e.g. { "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "sasl.username": "$ConnectionString" }.')
param kafkaClientProperties object = {}

@description('sasl.password for the Kafka clients; empty when the cluster needs none.')
@secure()
param kafkaSaslPassword string = ''

@minValue(1)
param siloReplicas int = 2

@minValue(1)
param apiMaxReplicas int = 3

param logRetentionInDays int = 30

@description('Orleans cluster and service id; the service id keys grain state, so keep it across redeployments.')
param orleansClusterId string = 'k2'
param orleansServiceId string = 'k2'

param tags object = {
  application: 'k2'
}

// Orleans' defaults, also K2ClusterOptions' defaults.
var siloPort = 11111
var gatewayPort = 30000
var httpPort = 8080

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    registryName: registryName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    accountName: storageAccountName
    containerName: warehouseContainerName
    writerPrincipalId: identity.outputs.identityPrincipalId
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    administratorLogin: postgresAdministratorLogin
    administratorPassword: postgresAdministratorPassword
    databaseName: postgresDatabaseName
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
  }
}

module environment 'modules/environment.bicep' = {
  name: 'environment'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    logAnalyticsWorkspaceName: monitoring.outputs.workspaceName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
  }
}

// Settings every process reads (K2.Silo/Hosting, K2.Api/Extensions, K2.Kafka, K2.Lakehouse).
var commonSettings = concat([
  { name: 'Orleans__ClusterId', value: orleansClusterId }
  { name: 'Orleans__ServiceId', value: orleansServiceId }
  // Which of the user-assigned identities Azure.Identity uses (there is one).
  { name: 'AZURE_CLIENT_ID', value: identity.outputs.identityClientId }
], map(items(kafkaClientProperties), property => {
  name: 'K2__Kafka__ClientProperties__${property.key}'
  value: property.value
}))

var warehouseSettings = [
  { name: 'K2__Lakehouse__Storage__Kind', value: 'AzureBlob' }
  { name: 'K2__Lakehouse__Storage__AzureBlob__ServiceUri', value: storage.outputs.blobServiceUri }
  { name: 'K2__Lakehouse__Storage__AzureBlob__Container', value: storage.outputs.containerName }
]

var postgresConnectionString = 'Host=${postgres.outputs.host};Database=${postgres.outputs.databaseName};Username=${postgresAdministratorLogin};Password=${postgresAdministratorPassword};SSL Mode=Require'

var secretSettings = {
  secrets: concat([
    { name: 'k2db', value: postgresConnectionString }
    { name: 'kafka', value: kafkaBootstrapServers }
  ], empty(kafkaSaslPassword) ? [] : [
    { name: 'kafka-sasl-password', value: kafkaSaslPassword }
  ])
  env: concat([
    { name: 'ConnectionStrings__k2db', secretRef: 'k2db' }
    { name: 'ConnectionStrings__kafka', secretRef: 'kafka' }
  ], empty(kafkaSaslPassword) ? [] : [
    { name: 'K2__Kafka__ClientProperties__sasl.password', secretRef: 'kafka-sasl-password' }
  ])
}

module silo 'modules/container-app.bicep' = if (deployApps) {
  name: 'silo'
  params: {
    location: location
    tags: tags
    name: '${namePrefix}-silo'
    environmentId: environment.outputs.environmentId
    identityId: identity.outputs.identityId
    registryLoginServer: identity.outputs.registryLoginServer
    image: '${identity.outputs.registryLoginServer}/k2-silo:${imageTag}'
    // Internal only. HTTP for health and /metrics; silos reach each other on the silo port and the API reaches the
    // gateways on the gateway port, both at the addresses the silos publish in the PostgreSQL membership table.
    ingress: {
      external: false
      targetPort: httpPort
      transport: 'http'
      additionalPortMappings: [
        { external: false, targetPort: siloPort, exposedPort: siloPort }
        { external: false, targetPort: gatewayPort, exposedPort: gatewayPort }
      ]
    }
    settings: concat(commonSettings, warehouseSettings, [
      { name: 'Orleans__SiloPort', value: string(siloPort) }
      { name: 'Orleans__GatewayPort', value: string(gatewayPort) }
    ])
    secretSettings: secretSettings
    minReplicas: siloReplicas
    maxReplicas: siloReplicas
    cpu: '1.0'
    memory: '2Gi'
  }
}

module api 'modules/container-app.bicep' = if (deployApps) {
  name: 'api'
  params: {
    location: location
    tags: tags
    name: '${namePrefix}-api'
    environmentId: environment.outputs.environmentId
    identityId: identity.outputs.identityId
    registryLoginServer: identity.outputs.registryLoginServer
    image: '${identity.outputs.registryLoginServer}/k2-api:${imageTag}'
    ingress: {
      external: true
      targetPort: httpPort
      transport: 'http'
      allowInsecure: false
    }
    settings: concat(commonSettings, warehouseSettings)
    secretSettings: secretSettings
    minReplicas: 1
    maxReplicas: apiMaxReplicas
    cpu: '0.5'
    memory: '1Gi'
  }
}

module feed 'modules/container-app.bicep' = if (deployApps) {
  name: 'feed'
  params: {
    location: location
    tags: tags
    name: '${namePrefix}-feed'
    environmentId: environment.outputs.environmentId
    identityId: identity.outputs.identityId
    registryLoginServer: identity.outputs.registryLoginServer
    image: '${identity.outputs.registryLoginServer}/k2-ingestion:${imageTag}'
    // Internal ingress only so Prometheus inside the environment can scrape /metrics.
    ingress: {
      external: false
      targetPort: httpPort
      transport: 'http'
    }
    settings: commonSettings
    secretSettings: secretSettings
    // One live connection per stream: a second replica would only publish duplicates for the grains to drop.
    minReplicas: 1
    maxReplicas: 1
    cpu: '0.5'
    memory: '1Gi'
  }
}

output registryLoginServer string = identity.outputs.registryLoginServer
output apiUrl string = deployApps ? 'https://${api.?outputs.fqdn ?? ''}' : ''
output warehouseUri string = '${storage.outputs.blobServiceUri}${storage.outputs.containerName}'
output environmentDomain string = environment.outputs.defaultDomain
