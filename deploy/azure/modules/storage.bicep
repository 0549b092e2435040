// The Iceberg warehouse: an ADLS Gen2 account (hierarchical namespace) with one container, written by the silos
// through the apps' managed identity (no account keys in configuration).
param location string
param tags object

@description('Globally unique, 3-24 lowercase letters and digits.')
param accountName string
param containerName string
param writerPrincipalId string

var blobDataContributorRole = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    isHnsEnabled: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource warehouse 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

resource writer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, writerPrincipalId, blobDataContributorRole)
  scope: account
  properties: {
    principalId: writerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributorRole)
  }
}

output blobServiceUri string = account.properties.primaryEndpoints.blob
output containerName string = warehouse.name
