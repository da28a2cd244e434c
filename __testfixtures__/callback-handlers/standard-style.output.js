// standard style: no semicolons, single quotes
const { fetchUser } = require('./users')

exports.user = async function (event, context) {
  if (!event.id) throw 'handled'
  return new Promise((resolve, reject) => {
    fetchUser(event.id, function (err, user) {
      if (err) return reject(err)
      resolve({ name: user.name })
    })
  })
}

exports.log = async (event, context) => {
  console.log('after the callback')
  return 'logged'
}
