// The crash page, in plain JavaScript: when the app (WebAssembly) stops on an unexpected error, this replaces the
// page with a Chinese message, a button that downloads every stored document exactly as localStorage holds it (all
// keys starting with `zipin.` or, under a page's path, `zipin@`; one JSON file of key → raw value) and a button that
// reloads the page.
//
// It is loaded as a classic script before the app, so it is ready when the wasm cannot run any more. It is called
// by the app's panic hook (src/lib.rs) as `window.zipinCrash(message)`, and by the listeners below when a wasm trap
// bypasses the hook (an allocation failure aborts without a panic). It makes no network request: the file is made
// in the page (a blob: URL). It adds no inline script or style attribute, so the Content-Security-Policy holds.
(function () {
  'use strict';

  // Keys of every copy of the app on this origin: the earlier ones (`zipin.`) and those under a page's path.
  var PREFIXES = ['zipin.', 'zipin@'];
  var ROOT_ID = 'zipin-crash';
  var crashed = false;
  var details = null;

  function describe(error) {
    if (error === undefined || error === null) return '';
    if (typeof error === 'string') return error;
    var text = (error.name || 'Error') + ': ' + (error.message || String(error));
    return error.stack ? text + '\n' + error.stack : text;
  }

  function isWasmTrap(error) {
    return typeof WebAssembly === 'object' && typeof WebAssembly.RuntimeError === 'function'
      && error instanceof WebAssembly.RuntimeError;
  }

  // Every key of the app with its value exactly as stored (a string), in key order.
  function storedData() {
    var storage = window.localStorage;
    var keys = [];
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      if (key !== null && PREFIXES.some(function (p) { return key.indexOf(p) === 0; })) keys.push(key);
    }
    keys.sort();
    var data = {};
    for (var j = 0; j < keys.length; j++) data[keys[j]] = storage.getItem(keys[j]);
    return data;
  }

  function two(n) { return (n < 10 ? '0' : '') + n; }

  function fileName() {
    var d = new Date();
    return '绩效自评-本机全部数据-' + d.getFullYear() + two(d.getMonth() + 1) + two(d.getDate())
      + '-' + two(d.getHours()) + two(d.getMinutes()) + two(d.getSeconds()) + '.json';
  }

  function download(status) {
    try {
      var data = storedData();
      var count = Object.keys(data).length;
      var blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      var url = URL.createObjectURL(blob);
      var link = document.createElement('a');
      link.href = url;
      link.download = fileName();
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      status.textContent = count === 0
        ? '本机浏览器中没有保存的数据，已下载一个空文件。'
        : '已下载 ' + count + ' 项本机数据，请妥善保存该文件。';
    } catch (e) {
      status.textContent = '无法下载本机数据（' + describe(e).split('\n')[0] + '）。请不要清除浏览器数据，并联系技术人员。';
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(text, primary, onClick) {
    var node = element('button', primary ? 'button primary' : 'button', text);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }

  function crash(message) {
    var text = typeof message === 'string' ? message : describe(message);
    try { console.error('Zipin 已停止运行：' + text); } catch (e) { /* no console */ }
    if (crashed) {
      // The panic hook runs first; the trap that follows only adds its line to the technical details.
      if (details && text) details.textContent += '\n' + text;
      return;
    }
    crashed = true;

    var root = element('div', 'crash');
    root.id = ROOT_ID;
    var header = element('header', 'header');
    header.appendChild(element('h1', 'title', '部门整体支出绩效自评'));
    root.appendChild(header);

    var alert = element('div', 'banner error');
    alert.setAttribute('role', 'alert');
    alert.appendChild(element('p', '', '页面出现意外错误，已停止运行。您的数据仍保存在本机浏览器中。'));
    root.appendChild(alert);

    var main = element('main', 'main');
    main.style.maxWidth = '52em';
    var card = element('section', 'card');
    card.appendChild(element('h3', '', '请先下载本机数据备份，再重新载入页面'));
    card.appendChild(element('p', '', '备份文件包含本浏览器中保存的全部文档，内容与保存时完全相同。'
      + '重新载入后如仍出现此错误，请不要清除浏览器数据，并把备份文件交给技术人员。'));
    var status = element('p', 'muted');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    var actions = element('p', 'toolbar');
    var save = button('下载本机数据备份（.json）', true, function () { download(status); });
    actions.appendChild(save);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(button('重新载入页面', false, function () {
      // Without the fragment: whatever the address carried is not replayed.
      window.location.replace(window.location.pathname + window.location.search);
    }));
    card.appendChild(actions);
    card.appendChild(status);
    var more = element('details');
    more.appendChild(element('summary', '', '技术信息（供技术人员排查）'));
    details = element('pre', '', text);
    details.style.whiteSpace = 'pre-wrap';
    more.appendChild(details);
    card.appendChild(more);
    main.appendChild(card);
    root.appendChild(main);

    // A new body: the app's listeners on the old one (Yew delegates events there) go with it.
    var body = document.createElement('body');
    body.appendChild(root);
    if (document.body) document.documentElement.replaceChild(body, document.body);
    else document.documentElement.appendChild(body);
    try { save.focus(); } catch (e) { /* not focusable yet */ }
  }

  window.zipinCrash = crash;

  // A trap that bypasses the panic hook (an allocation failure, an `unreachable`) reaches JavaScript as a
  // WebAssembly.RuntimeError, thrown from an event handler (`error`) or from a promise (`unhandledrejection`).
  window.addEventListener('error', function (event) {
    if (isWasmTrap(event.error)) crash(event.error);
  });
  window.addEventListener('unhandledrejection', function (event) {
    if (isWasmTrap(event.reason)) crash(event.reason);
  });

  // Once stopped, the app's remaining listeners on the window and the document (shortcuts, saving when the page is
  // hidden, another tab's write, share links, printing) are never called again: the wasm state may be broken.
  // Registered first and on the capture side, these run before any of the app's; the crash page needs none of these
  // events (its buttons answer `click`, and stopping an event does not stop a key from pressing a button).
  var silenced = ['keydown', 'keyup', 'visibilitychange', 'storage', 'hashchange', 'popstate', 'beforeprint',
    'afterprint', 'pagehide', 'beforeunload'];
  for (var k = 0; k < silenced.length; k++) {
    window.addEventListener(silenced[k], function (event) {
      if (crashed) event.stopImmediatePropagation();
    }, true);
  }
}());
