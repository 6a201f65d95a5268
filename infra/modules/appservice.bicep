// App Service on Linux (Node 20) running the bot, as the user-assigned identity.

param planName string
param siteName string
param location string
param tags object

@description('App Service plan SKU. Basic (B1) or higher: Always On keeps the scheduler running.')
param skuName string = 'B1'

param identityId string
param identityClientId string
param tenantId string

@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAuthType string

@description('The bot\'s Microsoft App ID: the identity\'s client id (UserAssignedMSI) or the app registration\'s (SingleTenant).')
param botAppId string

@description('Key Vault secret URI of the bot password (SingleTenant only).')
param botPasswordSecretUri string = ''

param cosmosEndpoint string
param cosmosDatabase string
param appInsightsConnectionString string
param defaultOrgId string
param adminAadIds string
param dsoAadIds string
param ssoAppId string
param logLevel string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// Every key src/config.ts reads is set here or listed as optional in
// test/unit/infra-agreement.test.ts. No secrets: Cosmos DB uses the managed identity.
var appSettings = {
  NODE_ENV: 'production'
  LOG_LEVEL: logLevel
  MicrosoftAppId: botAppId
  MicrosoftAppTenantId: tenantId
  MicrosoftAppType: botAuthType
  COSMOS_ENDPOINT: cosmosEndpoint
  COSMOS_DATABASE: cosmosDatabase
  AZURE_CLIENT_ID: identityClientId
  DEFAULT_ORG_ID: defaultOrgId
  ADMIN_AAD_IDS: adminAadIds
  DSO_AAD_IDS: dsoAadIds
  // The dashboard tab's SSO tokens are issued for the SSO app registration's Application ID URI (or its id).
  TAB_SSO_AUDIENCE: empty(ssoAppId) ? '' : 'api://${site.properties.defaultHostName}/${ssoAppId},${ssoAppId}'
  // Download links (the IMY export) point here.
  PUBLIC_URL: 'https://${site.properties.defaultHostName}'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  // The package is built before the zip deploy (npm ci && npm run build); no build on the server.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

var singleTenantSettings = botAuthType == 'SingleTenant' ? {
  MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=${botPasswordSecretUri})'
} : {}

resource siteSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, singleTenantSettings)
}

output name string = site.name
output hostName string = site.properties.defaultHostName
