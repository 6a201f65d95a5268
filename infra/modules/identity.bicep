// The user-assigned managed identity the app runs as: it signs in to Cosmos DB
// (data-plane role), to Key Vault (when used) and, in UserAssignedMSI mode, is the bot's identity.

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
output tenantId string = identity.properties.tenantId
