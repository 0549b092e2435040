// Log Analytics (container logs) and a workspace-based Application Insights (traces and logs from the apps' OTLP
// exports, routed by the Container Apps environment's managed OpenTelemetry agent).
param location string
param namePrefix string
param tags object

@minValue(30)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

output workspaceName string = workspace.name
output appInsightsConnectionString string = insights.properties.ConnectionString
