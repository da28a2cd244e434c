module.exports = () => ({ intent: (name, fn) => void [name, fn] });
