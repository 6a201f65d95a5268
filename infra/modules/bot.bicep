// Azure Bot (single tenant or user-assigned managed identity) with the Microsoft Teams channel.

param name string
param tags object

@description('The bot\'s messaging endpoint, https://<host>/api/messages.')
param endpoint string

@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAuthType string

param botAppId string
param tenantId string

@description('Resource id of the user-assigned identity (UserAssignedMSI only).')
param identityId string = ''

@description('F0 is free for the standard channels, Teams included.')
@allowed([
  'F0'
  'S1'
])
param sku string = 'F0'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: 'Värna'
    endpoint: endpoint
    msaAppId: botAppId
    msaAppType: botAuthType
    msaAppTenantId: tenantId
    msaAppMSIResourceId: botAuthType == 'UserAssignedMSI' ? identityId : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
