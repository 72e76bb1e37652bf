// The extension's service worker: the "Capture as contact" context-menu entry. It only hands the
// selected text to the popup through session storage; it never holds tokens or calls the API.
const MENU_ID = 'capture-selection';

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: 'Capture as contact', contexts: ['selection'] });
});

async function captureSelection(info, tab) {
  if (info.menuItemId !== MENU_ID || !info.selectionText) return;
  await chrome.storage.session.set({
    pendingSelection: {
      text: info.selectionText,
      pageUrl: info.pageUrl || (tab && tab.url) || null,
      tabId: tab && tab.id !== undefined ? tab.id : null,
      at: Date.now(),
    },
  });
  try {
    await chrome.action.openPopup();
  } catch {
    // No popup can open here (e.g. no focused window): show the same form in a tab instead.
    await chrome.tabs.create({ url: chrome.runtime.getURL('popup.html') });
  }
}

chrome.contextMenus.onClicked.addListener(captureSelection);
