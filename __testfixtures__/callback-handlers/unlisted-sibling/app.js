exports.app = (req, res) => res.end("ok");
