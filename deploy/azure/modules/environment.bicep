// The Container Apps environment. Its managed OpenTelemetry agent receives the apps' OTLP exports (it sets
// OTEL_EXPORTER_OTLP_ENDPOINT in every app, which turns on K2's OTLP exporter) and forwards traces and logs to
// Application Insights. Metrics are scraped from each app's /metrics by Prometheus instead (see docs/deploy.md).
param location string
param namePrefix string
param tags object
param logAnalyticsWorkspaceName string
@secure()
param appInsightsConnectionString string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-10-02-preview' = {
  name: '${namePrefix}-env'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    appInsightsConfiguration: {
      connectionString: appInsightsConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: {
        destinations: [
          'appInsights'
        ]
      }
      logsConfiguration: {
        destinations: [
          'appInsights'
        ]
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

output environmentId string = environment.id
output defaultDomain string = environment.properties.defaultDomain
