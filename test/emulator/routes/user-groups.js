'use strict';

module.exports = { routes: [] };
