// Copy, fill in, and pass with `--parameters`; keep real secrets out of the repository (use environment variables
// as below, or a Key Vault reference).
using 'main.bicep'

param namePrefix = 'k2'
param deployApps = true
param imageTag = 'latest'
param postgresAdministratorPassword = readEnvironmentVariable('K2_POSTGRES_PASSWORD')
param kafkaBootstrapServers = readEnvironmentVariable('K2_KAFKA_BOOTSTRAP_SERVERS')
param kafkaClientProperties = {
  'security.protocol': 'SASL_SSL'
  'sasl.mechanism': 'PLAIN'
  'sasl.username': '$ConnectionString'
}
param kafkaSaslPassword = readEnvironmentVariable('K2_KAFKA_SASL_PASSWORD', '')
