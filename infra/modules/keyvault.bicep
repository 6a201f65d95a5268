// Key Vault, deployed only for what cannot use the managed identity: the bot's
// client secret when the bot is a SingleTenant app registration. The app reads it
// through a Key Vault reference, signed in as the user-assigned identity.

param name string
param location string
param tags object

@description('Principal id of the managed identity that may read the secrets.')
param readerPrincipalId string

@secure()
@description('Client secret of the bot app registration.')
param botPassword string

// Built-in role "Key Vault Secrets User": read secret values.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botPassword
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, readerPrincipalId, secretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output botPasswordSecretUri string = botPasswordSecret.properties.secretUri
