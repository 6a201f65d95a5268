// Värna on Azure: App Service (Linux, Node 20), Azure Bot with the Teams channel,
// Cosmos DB for NoSQL, a user-assigned managed identity, Application Insights and
// Log Analytics; Key Vault only when the bot uses a client secret.
// Deploy with: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
targetScope = 'resourceGroup'

@description('Short lower-case prefix for resource names, e.g. varna-kommunen.')
@minLength(3)
@maxLength(20)
param namePrefix string

param location string = resourceGroup().location

@description('UserAssignedMSI (default: no secret at all) or SingleTenant (an app registration with a client secret, kept in Key Vault).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAuthType string = 'UserAssignedMSI'

@description('SingleTenant only: the app registration\'s application (client) id.')
param botAppId string = ''

@secure()
@description('SingleTenant only: the app registration\'s client secret.')
param botAppPassword string = ''

@description('Organisation id stored on every case (letters, digits, - and _).')
param defaultOrgId string

@description('Entra object ids of Värna administrators, comma separated.')
param adminAadIds string = ''

@description('Comma-separated Entra object ids who hold the DSO role besides the DSO team members.')
param dsoAadIds string = ''

@description('Client id of the app registration that exposes the dashboard tab\'s SSO scope (SSO_APP_ID in docs/deploy.md); empty until it is created.')
param ssoAppId string = ''

@allowed([
  'serverless'
  'autoscale'
])
param cosmosThroughputMode string = 'serverless'

@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous7Days'

param appServiceSku string = 'B1'

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
])
param logLevel string = 'info'

param tags object = {
  app: 'varna'
}

var suffix = take(uniqueString(resourceGroup().id, namePrefix), 6)
var baseName = toLower('${namePrefix}-${suffix}')
var databaseName = 'varna'
var useKeyVault = botAuthType == 'SingleTenant'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${baseName}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}'
    appInsightsName: 'appi-${baseName}'
    location: location
    tags: tags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: 'cosmos-${baseName}'
    location: location
    tags: tags
    databaseName: databaseName
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    backupTier: cosmosBackupTier
    dataContributorPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = if (useKeyVault) {
  name: 'keyvault'
  params: {
    name: take('kv-${replace(baseName, '-', '')}', 24)
    location: location
    tags: tags
    readerPrincipalId: identity.outputs.principalId
    botPassword: botAppPassword
  }
}

var effectiveBotAppId = botAuthType == 'UserAssignedMSI' ? identity.outputs.clientId : botAppId

module app 'modules/appservice.bicep' = {
  name: 'appservice'
  params: {
    planName: 'asp-${baseName}'
    siteName: 'app-${baseName}'
    location: location
    tags: tags
    skuName: appServiceSku
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    tenantId: tenant().tenantId
    botAuthType: botAuthType
    botAppId: effectiveBotAppId
    botPasswordSecretUri: useKeyVault ? keyVault.outputs.botPasswordSecretUri : ''
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabase: databaseName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    defaultOrgId: defaultOrgId
    adminAadIds: adminAadIds
    dsoAadIds: dsoAadIds
    ssoAppId: ssoAppId
    logLevel: logLevel
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: 'bot-${baseName}'
    tags: tags
    endpoint: 'https://${app.outputs.hostName}/api/messages'
    botAuthType: botAuthType
    botAppId: effectiveBotAppId
    tenantId: tenant().tenantId
    identityId: identity.outputs.id
  }
}

@description('App Service name, for az webapp deploy.')
output appServiceName string = app.outputs.name

@description('BOT_DOMAIN for npm run package, and the host of the SSO Application ID URI.')
output botDomain string = app.outputs.hostName

@description('MicrosoftAppId for npm run package (the bot id in the Teams manifest).')
output microsoftAppId string = effectiveBotAppId

output tenantId string = tenant().tenantId
output messagingEndpoint string = 'https://${app.outputs.hostName}/api/messages'
output cosmosAccountName string = cosmos.outputs.accountName
output cosmosEndpoint string = cosmos.outputs.endpoint
output managedIdentityClientId string = identity.outputs.clientId
output appInsightsName string = monitoring.outputs.appInsightsName
output botName string = bot.outputs.name
