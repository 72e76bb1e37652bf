// The extension's service worker: the "Capture as contact" context-menu entry and the toolbar
// button's "People" entry. It only hands the selected text to the popup through session storage
// and opens pages; it never holds tokens or calls the API.
const MENU_ID = 'capture-selection';
const PEOPLE_MENU_ID = 'open-people';

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: 'Capture as contact', contexts: ['selection'] });
  chrome.contextMenus.create({ id: PEOPLE_MENU_ID, title: 'People', contexts: ['action'] });
});

async function openPeople(info) {
  if (info.menuItemId !== PEOPLE_MENU_ID) return;
  await chrome.tabs.create({ url: chrome.runtime.getURL('people.html') });
}

chrome.contextMenus.onClicked.addListener(openPeople);

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
