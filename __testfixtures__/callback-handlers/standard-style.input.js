// standard style: no semicolons, single quotes
const { fetchUser } = require('./users')

exports.user = function (event, context, callback) {
  if (!event.id) return context.fail()
  fetchUser(event.id, function (err, user) {
    if (err) return callback(err)
    callback(null, { name: user.name })
  })
}

exports.log = (event, context, callback) => {
  callback(null, 'logged')
  console.log('after the callback')
}
