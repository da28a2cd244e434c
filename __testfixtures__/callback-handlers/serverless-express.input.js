'use strict'
const serverlessExpress = require('@vendia/serverless-express')
const app = require('./app')

// The instance answers through its promise: Lambda calls a two-parameter function now.
exports.handler = serverlessExpress({ app })

module.exports.callbackMode = serverlessExpress({ app, resolutionMode: 'CALLBACK' })
