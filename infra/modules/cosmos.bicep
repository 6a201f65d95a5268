// Cosmos DB for NoSQL: the account (keys disabled, continuous backup), the database,
// the containers Värna uses and the app identity's data-plane role assignment.

param accountName string
param location string
param tags object
param databaseName string

@description('serverless (pay per request, the default) or autoscale (provisioned throughput shared by the containers).')
@allowed([
  'serverless'
  'autoscale'
])
param throughputMode string = 'serverless'

@description('Highest RU/s the database scales to in autoscale mode (it scales down to a tenth of this).')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

@description('How far back a point-in-time restore can go.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param backupTier string = 'Continuous7Days'

@description('Principal id of the managed identity that gets the Cosmos DB Built-in Data Contributor role.')
param dataContributorPrincipalId string

// Keep in step with src/store/containers.ts (test/unit/infra-agreement.test.ts checks it).
// ttl: true turns on per-item expiry (defaultTtl -1: items expire only when they carry a ttl).
var containers = [
  {
    name: 'cases'
    partitionKey: '/orgId'
    ttl: false
  }
  {
    name: 'events'
    partitionKey: '/caseId'
    ttl: false
  }
  {
    name: 'conversations'
    partitionKey: '/orgId'
    ttl: false
  }
  {
    name: 'botstate'
    partitionKey: '/id'
    ttl: true
  }
  {
    name: 'jobs'
    partitionKey: '/orgId'
    ttl: true
  }
  {
    name: 'sendcheckCounters'
    partitionKey: '/orgId'
    ttl: false
  }
  {
    name: 'drafts'
    partitionKey: '/orgId'
    ttl: true
  }
  {
    name: 'settings'
    partitionKey: '/orgId'
    ttl: false
  }
  {
    name: 'stats'
    partitionKey: '/orgId'
    ttl: false
  }
]

// Built-in data-plane role: read and write items, read metadata; no control-plane rights.
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: throughputMode == 'serverless' ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    // Only Entra ID (managed identity) can reach the data: no account keys anywhere.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: backupTier
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: throughputMode == 'autoscale' ? {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    } : {}
  }
}

var indexingPolicy = {
  indexingMode: 'consistent'
  automatic: true
  includedPaths: [
    {
      path: '/*'
    }
  ]
  excludedPaths: [
    {
      path: '/"_etag"/?'
    }
  ]
}

var perItemTtl = {
  defaultTtl: -1
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: union({
      id: c.name
      partitionKey: {
        paths: [
          c.partitionKey
        ]
        kind: 'Hash'
      }
      indexingPolicy: indexingPolicy
    }, c.ttl ? perItemTtl : {})
  }
}]

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, dataContributorPrincipalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: dataContributorPrincipalId
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output accountName string = account.name
output databaseName string = database.name
