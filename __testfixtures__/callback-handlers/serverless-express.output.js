'use strict'
const serverlessExpress = require('@vendia/serverless-express')
const app = require('./app')

// The instance answers through its promise: Lambda calls a two-parameter function now.
const handlerInstance = serverlessExpress({ app })
exports.handler = async (event, context) => handlerInstance(event, context)

const callbackModeInstance = serverlessExpress({ app, resolutionMode: 'PROMISE' })
module.exports.callbackMode = async (event, context) => callbackModeInstance(event, context)
